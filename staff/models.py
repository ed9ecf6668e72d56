# The desk keeps no data of its own: what staff do is recorded in the history of the
# project or organisation it concerns (projects.Transition, organizations.OrganizationTransition).
