# JupyterHub for the STROM kit. Start it with `strom-kit hub` (see README, "Hosting for a region"):
# the command checks PostgreSQL and the proxy, saves the settings in the hub's state folder
# ($STROM_KIT_HUB_STATE), and runs `jupyterhub -f` this file, which reads them back.
from kit.hub.config import configure

configure(c)  # noqa: F821 - `c` is the config object JupyterHub hands to this file
