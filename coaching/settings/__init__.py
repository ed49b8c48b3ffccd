"""Settings by environment: `base` (read from the environment; the default),
`production` (HTTPS, HSTS, secure cookies) and `test`."""
