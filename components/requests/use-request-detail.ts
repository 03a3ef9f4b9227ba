"use client";
// One request as /api/v1/requests/:id returns it. Bodies reach the browser only this way, never
// in a page's HTML; viewers, who may not read them, get the request without.
import { useEffect, useState } from "react";
import type { RequestDetailData } from "./request-detail";

export function useRequestDetail(id: string): { detail?: RequestDetailData; error?: string } {
  const [state, setState] = useState<{ id: string; detail?: RequestDetailData; error?: string }>({ id });
  useEffect(() => {
    let live = true;
    fetch(`/api/v1/requests/${encodeURIComponent(id)}`)
      .then((res) => (res.status === 403 ? fetch(`/api/v1/requests/${encodeURIComponent(id)}?bodies=0`) : res))
      .then(async (res) => (res.ok ? ((await res.json()) as RequestDetailData) : Promise.reject(new Error(`HTTP ${res.status}`))))
      .then((detail) => live && setState({ id, detail }))
      .catch((e: Error) => live && setState({ id, error: e.message }));
    return () => {
      live = false;
    };
  }, [id]);
  return state.id === id ? state : {};
}
