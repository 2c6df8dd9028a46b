"""审计日志: an append-only record of sign-ins, account and permission changes, exports of
personal data and administrative acts. The bottom layer: imports core and orgs only, and no
other app imports it (they call ``orglife.core.audit.record``)."""
