"""partyevents: Chinese grassroots Party-building reports -> validated event tables.

>>> import partyevents
>>> rows = partyevents.extract_text("12月8日以来\\n牛首镇组织党员志愿者开展疫苗接种宣传,上门宣传400余户。",
...                                 published="2022-12-20")
>>> rows.events[0]["date_since"], rows.figures[0]["value_text"]
(True, '400余户')

Entry points: :func:`extract_text` (one document), :func:`extract` (a folder
to Parquet tables), :func:`extract_frame` (a DataFrame of pages to the tables),
:func:`load` (the tables as DataFrames).
"""

from .api import ExtractConfig, RunSummary, Tables, extract, extract_frame, extract_text, load
from .records import SCHEMA_VERSION

__version__ = "0.1.0"
PIPELINE_VERSION = f"{__version__}+schema{SCHEMA_VERSION}"

__all__ = [
           "PIPELINE_VERSION",
           "SCHEMA_VERSION",
           "ExtractConfig",
           "RunSummary",
           "Tables",
           "__version__",
           "extract",
           "extract_frame",
           "extract_text",
           "load",
]
