"""Use cases: the one API the GUI and the command line call. No Qt; ORM objects stay inside."""
