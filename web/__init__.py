"""Production concerns of the web server: compression, caching, security headers, limits, errors."""
