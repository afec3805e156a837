import type { BoothLead } from '../../../shared/contract/answers';
import { ApiError, request } from '../common/api';
import { fairNow } from '../common/fair-clock';
import { STORED_PER } from '../common/stored';

export const RATINGS = ['hot', 'warm', 'cold'] as const;
export type Rating = (typeof RATINGS)[number];

/** The booth's own words on a lead, kept on the phone first. */
export interface LeadEdit {
  rating?: Rating | null;
  tags?: string[];
  note?: string;
  editedAt: string;
}

const editsKey = STORED_PER.leadEdits;

export function savedEdits(boothId: string): Record<string, LeadEdit> {
  try {
    return JSON.parse(localStorage.getItem(editsKey(boothId)) ?? '{}') as Record<string, LeadEdit>;
  } catch {
    return {};
  }
}

export function saveEdit(boothId: string, ticketId: string, edit: Omit<LeadEdit, 'editedAt'>): void {
  const edits = savedEdits(boothId);
  edits[ticketId] = { ...edits[ticketId], ...edit, editedAt: fairNow().toISOString() };
  localStorage.setItem(editsKey(boothId), JSON.stringify(edits));
}

/** Forgets a lead's edit; given `editedAt`, only if it was not edited again meanwhile. */
function forgetEdit(boothId: string, ticketId: string, editedAt?: string): void {
  const left = savedEdits(boothId);
  if (editedAt === undefined || left[ticketId]?.editedAt === editedAt) delete left[ticketId];
  localStorage.setItem(editsKey(boothId), JSON.stringify(left));
}

/**
 * Sends the edits kept on this phone, one lead at a time; `stored` hears each lead as the server keeps
 * it (the latest edit wins there, whichever phone sends last). A refused edit (the visitor withdrew, a
 * tag no longer sold) cannot be kept and is forgotten; a dropped network throws, the rest kept here.
 */
export async function sendEdits(boothId: string, stored: (lead: BoothLead) => void): Promise<void> {
  for (const [ticketId, edit] of Object.entries(savedEdits(boothId))) {
    try {
      const path = `/v1/booths/${encodeURIComponent(boothId)}/leads/${ticketId}`;
      stored(await request<BoothLead>(path, { method: 'PUT', body: edit }));
      forgetEdit(boothId, ticketId, edit.editedAt);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      forgetEdit(boothId, ticketId);
    }
  }
}
