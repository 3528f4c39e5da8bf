"""Who may see and do what: actors, roles and their scope (no Dash, no Flask).

The vocabulary is small (see ``../shared/docs/STYLE.md``): an *actor* (the
logged-in user and its role) asks for an *action* on a *resource* (an area
code). A role's scope becomes a filter of every read in the data access layer
(:mod:`mapdata`), so a view that forgets to ask still gets only what the actor
may see; an actor with an empty scope reads nothing.
"""
