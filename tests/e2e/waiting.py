"""Waiting for a condition on a page that holds the portal's Content-Security-Policy.

Playwright's ``page.wait_for_function`` compiles its predicate with ``eval`` in the page. The
first check runs inside the DevTools call, where the policy does not apply; every later check
runs from ``requestAnimationFrame``, where ``script-src 'self'`` refuses ``eval``. A wait
whose condition is not already true at the first check therefore fails with an EvalError,
depending on timing. ``wait_until`` asks again from Python instead: each ``page.evaluate``
is a DevTools call of its own, so the policy stays as strict as in production.
"""

import time

from playwright.sync_api import Error

POLL_SECONDS = 0.05


def wait_until(page, expression, timeout_ms=5000, arg=None):
    """Wait until the function ``expression`` returns a truthy value on the page; that value
    is returned. A check made while the page navigates is retried."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        try:
            value = page.evaluate(expression, arg)
        except Error as error:
            if "context was destroyed" not in str(error) and "navigat" not in str(error):
                raise
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"Still false after {timeout_ms} ms: {expression}")
        time.sleep(POLL_SECONDS)
