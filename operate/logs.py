"""Server logs as JSON lines (NILAI_LOG_FORMAT=json), one object per line for a log shipper.

Without NILAI_LOG_USER_TEXT a line holds the message's template, not its arguments, and an
error's type and where it happened, not its text: arguments and exception messages may
carry what people typed (names, notes), which stays out of the logs unless asked for.
"""

from __future__ import annotations

import json
import logging
import traceback
from datetime import UTC, datetime

from core.settings import Settings

# LogRecord's own attributes: anything else on a record came from `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}


class JsonLines(logging.Formatter):
    def __init__(self, *, user_text: bool) -> None:
        super().__init__()
        self.user_text = user_text

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage() if self.user_text else str(record.msg),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = value if isinstance(value, int | float | bool) or self.user_text else str(value)
        if record.exc_info and record.exc_info[0] is not None:
            kind, error, trace = record.exc_info
            line["error"] = kind.__name__
            if self.user_text:
                line["error_text"] = str(error)
            frames = traceback.extract_tb(trace)
            line["where"] = [f"{frame.filename}:{frame.lineno} {frame.name}" for frame in frames[-5:]]
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(settings: Settings) -> None:
    """Apply NILAI_LOG_FORMAT to Nilai's logger and the root logger (call once at start)."""
    if settings.log_format != "json":
        return
    formatter = JsonLines(user_text=settings.log_user_text)
    handler = logging.StreamHandler()
    handler.setFormatter(formatter)
    for name in ("nilai", ""):
        logger = logging.getLogger(name)
        for old in list(logger.handlers):
            logger.removeHandler(old)
        logger.addHandler(handler)
    logging.getLogger("nilai").propagate = False
    logging.getLogger("nilai").setLevel(logging.INFO)
    # Streamlit's own loggers each write through a handler of their own: same format.
    for name, known in logging.root.manager.loggerDict.items():
        if name.startswith("streamlit") and isinstance(known, logging.Logger):
            for existing in known.handlers:
                existing.setFormatter(formatter)
