import { v7 } from 'uuid';

/** Every row id: a UUIDv7 made by the app, so ids sort by creation time on both dialects. */
export function newId(): string {
  return v7();
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
