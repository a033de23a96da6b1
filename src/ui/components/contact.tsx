import { formatPhone, isMobilePhone, joinPlace, normalizePhone } from '../../platform/text.ts';
import type { ViewContext } from '../view-context.ts';

/** A phone number a tap away: "tel:" with the international form, shown the French way. */
export function PhoneLink({ phone, label }: { phone: string; label?: string }) {
  const digits = normalizePhone(phone);
  const href = /^0\d{9}$/.test(digits) ? `tel:+33${digits.slice(1)}` : `tel:${digits}`;
  return (
    <a href={href} class="tel-link" aria-label={label}>
      {formatPhone(digits)}
    </a>
  );
}

/**
 * Staff are told when a person's number is a landline: SMS reminders cannot reach it (the
 * outbox refuses them), so reminders go by e-mail when accepted, or not at all.
 */
export function LandlineWarning({ ctx, phone }: { ctx: ViewContext; phone: string | null | undefined }) {
  if (!phone || !/^0\d{9}$/.test(normalizePhone(phone)) || isMobilePhone(phone)) return null;
  return (
    <p class="notice warning landline-warning">
      <strong>{ctx.t('phone.landlineTitle')}</strong> {ctx.t('phone.landlineWarning')}
    </p>
  );
}

/**
 * A link to the place on OpenStreetMap (a plain link, no map script on our pages): the map
 * opens on the address searched by OpenStreetMap's own geocoder.
 */
export function MapLink({ ctx, name, address, commune }: { ctx: ViewContext; name: string; address: string | null | undefined; commune: string | null | undefined }) {
  const where = joinPlace(address, commune);
  if (!where) return null;
  return (
    <a class="map-link" href={`https://www.openstreetmap.org/search?query=${encodeURIComponent(where)}`}>
      {ctx.t('place.mapLink')}
      <span class="visually-hidden"> {ctx.t('place.mapLinkFor', { name })}</span>
    </a>
  );
}

/** Stands for the phone number in a translated sentence, to be replaced by a link. */
export const PHONE_SLOT = '\u0000phone\u0000';

/** A sentence from the catalogue whose `{phone}` (given as PHONE_SLOT) becomes a tel: link. */
export function TextWithPhone({ text, phone }: { text: string; phone: string }) {
  const [before, after = ''] = text.split(PHONE_SLOT);
  return (
    <>
      {before}
      <PhoneLink phone={phone} />
      {after}
    </>
  );
}
