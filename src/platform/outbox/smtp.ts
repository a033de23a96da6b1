import type { Transporter } from 'nodemailer';
import type { OutboxRow } from './outbox.repository.ts';
import type { Sender } from './outbox.service.ts';

/**
 * Delivers e-mail rows through an SMTP server given as smtp://user:pass@host:port.
 * nodemailer is loaded with the first message, not at start (memory, QUALITY.md B6).
 */
export function smtpSender(url: string, from: string): Sender {
  let transport: Promise<Transporter> | undefined;
  return {
    channel: 'email',
    async send(message: OutboxRow) {
      transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(url));
      await (await transport).sendMail({ from, to: message.recipient, subject: message.subject ?? '', text: message.body });
    },
  };
}
