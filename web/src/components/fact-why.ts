// The "why?" of a run's facts, asked once per fact and kept: shared by the run page and the
// team run shown in a conversation.
import { useState } from 'react';
import { api } from '../api.ts';
import type { ProofNode } from './ProofTree.tsx';

export interface WhyResponse {
  fact: string;
  proof?: ProofNode;
  whyNot?: string[];
}

/** The fact whose explanation is open, the answers so far, and `ask` (toggles a fact). */
export function useFactWhy(runId: string): {
  open: string | null;
  why: Record<string, WhyResponse | string>;
  ask: (fact: string) => Promise<void>;
} {
  const [open, setOpen] = useState<string | null>(null);
  const [why, setWhy] = useState<Record<string, WhyResponse | string>>({});
  const ask = async (fact: string): Promise<void> => {
    if (open === fact) return setOpen(null);
    setOpen(fact);
    if (why[fact]) return;
    try {
      const res = await api<WhyResponse>(`/api/runs/${encodeURIComponent(runId)}/why`, {
        body: { fact },
      });
      setWhy((w) => ({ ...w, [fact]: res }));
    } catch (err) {
      setWhy((w) => ({ ...w, [fact]: err instanceof Error ? err.message : String(err) }));
    }
  };
  return { open, why, ask };
}
