"""samarkiv: an archive of the minutes and reports of Swedish samordningsförbund.

The pipeline runs ingest → normalize → extract → store; each stage lives in its own
subpackage (`samarkiv.ingest`, `samarkiv.normalize`, `samarkiv.extract`, `samarkiv.store`).
"""

__version__ = "0.1.0"

# Bumped whenever a stage changes what it derives from the same bytes, so that
# `samarkiv reprocess` knows which documents are stale.
PIPELINE_VERSION = "4"
