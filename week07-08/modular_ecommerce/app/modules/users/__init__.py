"""users: profiles (a display name, a bio, a picture URL), public profiles, admin search.

Accounts themselves (email, role, ban) belong to auth; users reads them through
auth's service, never its tables.
"""
