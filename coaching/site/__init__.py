"""Domain-free web plumbing: root URLs, middleware, sign-in forms, htmx page-or-partial."""
