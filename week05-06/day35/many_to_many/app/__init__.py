"""Day 35: posts and tags, many-to-many through the post_tags association table."""
