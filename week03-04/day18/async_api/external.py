"""GET /external: fetch a post from an upstream HTTP API with httpx.AsyncClient."""

from typing import Annotated, Any

import httpx
from fastapi import APIRouter, Depends, HTTPException, Query, Request, status

router = APIRouter(tags=["external"])

BAD_GATEWAY: dict[int | str, dict[str, Any]] = {
    502: {"description": "The upstream API failed or could not be reached"}
}


def http_client(request: Request) -> httpx.AsyncClient:
    """The app's shared AsyncClient, opened and closed by the lifespan in main.py."""
    client: httpx.AsyncClient = request.app.state.http_client
    return client


@router.get("/external", responses=BAD_GATEWAY)
async def external_post(
    client: Annotated[httpx.AsyncClient, Depends(http_client)],
    post_id: Annotated[int, Query(ge=1)] = 1,
) -> dict[str, Any]:
    """Return {"source": the upstream base URL, "post": the upstream's JSON for post_id}.

    Upstream 404: answer 404. Another upstream error status, or no answer at all (refused,
    timeout): answer 502, "Upstream <base URL> answered <status>" or "... unreachable: <error>".
    """
    try:
        response = await client.get(f"/posts/{post_id}")
    except httpx.TransportError as error:
        # Connection refused, DNS failure, timeout: the upstream, not us, is at fault.
        detail = f"Upstream {client.base_url} unreachable: {type(error).__name__}"
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, detail=detail) from None
    if response.status_code == status.HTTP_404_NOT_FOUND:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"Post {post_id} not found upstream")
    if response.is_error:
        detail = f"Upstream {client.base_url} answered {response.status_code}"
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, detail=detail)
    return {"source": str(client.base_url), "post": response.json()}
