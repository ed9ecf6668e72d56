"""The steps of `python manage.py load_demo`, in order.

Each is a module with `load(command)`; a feature adds its demo data as a module of its own
(`demo/<feature>.py`, its data in `demo/data/`) and one line here. A step that adds dated
actions to `command.timeline` comes before `demo.history`, which takes them all in date
order; a step that needs the projects in their final states (published, completed, …) comes
after it. See docs/demo.md.
"""

STEPS = [
    "demo.people",
    "demo.organizations",
    "demo.projects",
    "demo.calls",
    "demo.history",
    "demo.notices",
    "demo.signups",
    "demo.volunteers",
    "demo.contacts",
]
