"""Dashboard pages (server-rendered Jinja2)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)


def error_page(request: Request, status: int, code: str, message: str, detail: Any = None) -> HTMLResponse:
    from markupsafe import escape

    return HTMLResponse(f"<h1>{status}</h1><p>{escape(message)}</p>", status_code=status)
