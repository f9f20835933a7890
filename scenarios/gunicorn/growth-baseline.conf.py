# For the diagnosis scenario: every worker counts its objects by type once the app is loaded, so
# the /leaks/diagnose/growth/ probe after the storm answers objgraph.show_growth()'s question
# ("what grew?") for whichever worker it lands on. Hooks here run before leaklab's own.


def post_worker_init(worker):
    from leaks import diagnose

    diagnose.set_baseline()
