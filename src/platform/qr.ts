/** QR codes as SVG (an item's label, a two-step setup); qrcode is loaded on first use, not at start. */
export async function qrSvg(text: string): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(text, { type: 'svg', margin: 1 });
}
