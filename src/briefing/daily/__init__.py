"""The daily briefing: group the day's results into stories and lay them out."""
from briefing.daily.build import DAILY_SCHEMA, build_daily

__all__ = ["DAILY_SCHEMA", "build_daily"]
