"""What other apps add to an organisation's public page (see portal/panels.py)."""

from portal.panels import Panels

ORGANIZATION_PAGE = Panels("organization_page")
