import nodemailer from 'nodemailer';
import type { OutboxRow } from './outbox.repository.ts';
import type { Sender } from './outbox.service.ts';

/** Delivers e-mail rows through an SMTP server given as smtp://user:pass@host:port. */
export function smtpSender(url: string, from: string): Sender {
  const transport = nodemailer.createTransport(url);
  return {
    channel: 'email',
    async send(message: OutboxRow) {
      await transport.sendMail({ from, to: message.recipient, subject: message.subject ?? '', text: message.body });
    },
  };
}
