-- Day 21: raw SQL practice on PostgreSQL.
-- Connection string: postgresql://USER:PASSWORD@HOST:PORT/DATABASE
--   the journey's server: `make db-url` (repository root) prints its URL
--   with Docker (`make db-up`): postgresql://journey:journey@127.0.0.1:5432/journey
-- Run it with the runner:  python run_sql.py "$DATABASE_URL"   (saves results.json)
-- or by hand with psql:    make db-shell, then \i week03-04/day21/postgres_practice/practice.sql
-- A "-- name: x" line names the result of the SELECT that follows it in results.json.

-- Start from a clean slate so the script can be run again and again.
DROP TABLE IF EXISTS posts;
DROP TABLE IF EXISTS users;

CREATE TABLE users (
    id         INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      VARCHAR(255) NOT NULL UNIQUE,
    name       VARCHAR(100) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- A second table so there is something to JOIN: every post belongs to one user.
CREATE TABLE posts (
    id         INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    INTEGER      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      VARCHAR(200) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Create: five users, one INSERT each.
INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada Lovelace');
INSERT INTO users (email, name) VALUES ('grace@example.org', 'Grace Hopper');
INSERT INTO users (email, name) VALUES ('alan@example.com', 'Alan Turing');
INSERT INTO users (email, name) VALUES ('edsger@example.org', 'Edsger Dijkstra');
INSERT INTO users (email, name) VALUES ('barbara@example.com', 'Barbara Liskov');

-- Posts find their author by email, so the script never guesses generated ids.
INSERT INTO posts (user_id, title)
SELECT id, 'Notes on the Analytical Engine' FROM users WHERE email = 'ada@example.com';
INSERT INTO posts (user_id, title)
SELECT id, 'The first compiler' FROM users WHERE email = 'grace@example.org';
INSERT INTO posts (user_id, title)
SELECT id, 'Finding a moth in the relay' FROM users WHERE email = 'grace@example.org';
INSERT INTO posts (user_id, title)
SELECT id, 'Go To Statement Considered Harmful' FROM users WHERE email = 'edsger@example.org';
INSERT INTO posts (user_id, title)
SELECT id, 'Draft: a draft to delete' FROM users WHERE email = 'alan@example.com';

-- Update and delete: the rest of CRUD.
UPDATE users SET name = 'Rear Admiral Grace Hopper' WHERE email = 'grace@example.org';
DELETE FROM posts WHERE title LIKE 'Draft:%';

-- Read.
-- name: all_users
SELECT id, email, name, created_at FROM users ORDER BY id;

-- name: users_at_example_org
SELECT id, email, name FROM users WHERE email LIKE '%@example.org' ORDER BY id;

-- name: posts_with_authors
SELECT p.id, p.title, u.name AS author
FROM posts AS p
JOIN users AS u ON u.id = p.user_id
ORDER BY p.id;

-- name: post_count_per_user
SELECT u.name, COUNT(p.id) AS post_count
FROM users AS u
LEFT JOIN posts AS p ON p.user_id = u.id
GROUP BY u.id, u.name
ORDER BY post_count DESC, u.name;
