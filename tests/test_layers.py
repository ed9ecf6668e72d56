"""Apps depend one way (docs/architecture.md): every import of one of our apps, imports inside
functions included, goes to an app of a lower layer. A new app is placed in LAYERS."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Bottom to top; apps on one line are beside each other and do not import each other.
LAYERS = [
    ["portal"],
    ["city"],
    ["accounts"],
    ["organizations"],
    ["projects"],
    ["principles"],
    ["notices", "calls", "events", "volunteers", "matching", "participation", "search"],
    ["notifications"],
    ["opendata", "staff", "mypage", "pages", "demo"],
    ["config"],
]
LEVEL = {app: level for level, apps in enumerate(LAYERS) for app in apps}


def _apps():
    return sorted(
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in ("tests", "benchmarks")
    )


def _imports(app):
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                yield path.relative_to(ROOT), name.split(".")[0]


def test_every_app_has_a_layer():
    assert [app for app in _apps() if app not in LEVEL] == []


def test_apps_import_only_apps_below_them():
    upward = [
        f"{path}: {app} imports {target}"
        for app in _apps()
        for path, target in _imports(app)
        if target in LEVEL and target != app and LEVEL[target] >= LEVEL[app]
    ]
    assert upward == []
