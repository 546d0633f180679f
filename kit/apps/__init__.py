"""Web apps and pages: thin ipywidgets views over the domain packages, served with Voila."""
