// A tiny SMTP server on 127.0.0.1 for the tests of sending (node:net, no dependency): it speaks enough SMTP for
// nodemailer (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), refuses the recipients it is told to refuse (550), and
// can hold its answer to a message (the sender then waits, as with a slow server) until released. A message is
// recorded only once the server has answered 250 to its DATA: what the sender was told was accepted.
import { createServer, type Socket } from 'node:net';

export interface ReceivedMessage {
  from: string;
  to: string[];
  data: string;
}

export interface SmtpTestServer {
  url: string;
  port: number;
  /** Messages accepted so far, in order. */
  messages: ReceivedMessage[];
  /** How many times each recipient was refused. */
  refusals: Map<string, number>;
  /** Resolves when a message for `recipient` has been received and is being held. */
  held(recipient: string): Promise<void>;
  /** Stops holding messages (those held on a connection still open are then accepted). */
  release(): void;
  close(): Promise<void>;
}

export async function startSmtpServer(options: {
  /** Recipients refused with a 550 (permanent) error. */
  refuse?: (recipient: string) => boolean;
  /** Messages to these recipients are received, then their 250 is held until `release()`. */
  hold?: (recipient: string) => boolean;
}): Promise<SmtpTestServer> {
  const messages: ReceivedMessage[] = [];
  const refusals = new Map<string, number>();
  const sockets = new Set<Socket>();
  let holding = true;
  const waiters: { recipient: string; resolve: () => void }[] = [];
  const pendingReleases: (() => void)[] = [];

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let data = '';
    let from = '';
    let to: string[] = [];
    const say = (line: string) => {
      if (!socket.destroyed) socket.write(`${line}\r\n`);
    };
    const accept = (message: ReceivedMessage) => {
      if (socket.destroyed) return; // the sender is gone before hearing « accepted »: nothing was delivered
      messages.push(message);
      say('250 2.0.0 Ok: queued');
    };
    say('220 smtp.test ESMTP');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          data += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          const message = { from, to, data };
          from = '';
          to = [];
          data = '';
          if (holding && message.to.some((r) => options.hold?.(r))) {
            for (const w of waiters.filter((x) => message.to.includes(x.recipient))) w.resolve();
            pendingReleases.push(() => accept(message));
          } else accept(message);
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') {
          say('250-smtp.test');
          say('250 8BITMIME');
        } else if (verb === 'HELO') say('250 smtp.test');
        else if (verb === 'MAIL') {
          from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          say('250 2.1.0 Ok');
        } else if (verb === 'RCPT') {
          const rcpt = (/<([^>]*)>/.exec(line)?.[1] ?? '').toLowerCase();
          if (options.refuse?.(rcpt)) {
            refusals.set(rcpt, (refusals.get(rcpt) ?? 0) + 1);
            say(`550 5.1.1 <${rcpt}>: Recipient address rejected: User unknown`);
          } else {
            to.push(rcpt);
            say('250 2.1.5 Ok');
          }
        } else if (verb === 'DATA') {
          if (!to.length) say('554 5.5.1 Error: no valid recipients');
          else {
            inData = true;
            say('354 End data with <CR><LF>.<CR><LF>');
          }
        } else if (verb === 'RSET') {
          from = '';
          to = [];
          say('250 2.0.0 Ok');
        } else if (verb === 'NOOP') say('250 2.0.0 Ok');
        else if (verb === 'QUIT') {
          say('221 2.0.0 Bye');
          socket.end();
        } else say('502 5.5.2 Error: command not recognized');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    refusals,
    held: (recipient) =>
      new Promise<void>((resolve) => {
        waiters.push({ recipient: recipient.toLowerCase(), resolve });
      }),
    release() {
      holding = false;
      for (const release of pendingReleases.splice(0)) release();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
