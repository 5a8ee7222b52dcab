/**
 * Reading from the person or the pipe: standard input as text, a secret typed with echo off, a
 * yes/no question. Secrets come from here only — never from an argument.
 */
import { openSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { CliError, EXIT, usageError } from './errors';
import type { CliIo, InStream } from './io';

/** Enough for any pasted report; a larger stdin is almost certainly the wrong file. */
export const MAX_STDIN_BYTES = 64 * 1024 * 1024;

export async function readStdinText(stdin: InStream, maxBytes = MAX_STDIN_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.byteLength;
    if (size > maxBytes) throw usageError(`standard input is larger than ${maxBytes / 1024 / 1024} MiB.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The lines of piped standard input, for secrets: line ends (\n, \r\n) are not part of a secret. */
export async function readPipedLines(stdin: InStream): Promise<string[]> {
  const text = await readStdinText(stdin, 1024 * 1024);
  return text.split(/\r?\n/);
}

/**
 * A secret typed at the terminal with echo off (raw mode: nothing typed is shown). Ctrl+C ends the
 * command with status 130; Backspace works; Enter ends the line.
 */
export function promptSecret(io: CliIo, question: string): Promise<string> {
  const input = io.stdin;
  if (!input.isTTY || typeof input.setRawMode !== 'function') {
    return Promise.reject(usageError('no terminal to type a secret at: pipe it on standard input instead.'));
  }
  const setRaw = input.setRawMode.bind(input);
  // Echo off before the question shows: a secret pasted the instant the prompt appears stays hidden.
  setRaw(true);
  io.stderr.write(question);
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error: CliError | null): void => {
      input.off('data', onData);
      setRaw(false);
      input.pause();
      io.stderr.write('\n');
      if (error !== null) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const char of chunk.toString()) {
        if (char === '\u0003') return finish(new CliError('CANCELLED', 'interrupted; nothing was stored.', EXIT.interrupted));
        if (char === '\r' || char === '\n' || char === '\u0004') return finish(null);
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed += char;
      }
    };
    input.resume();
    input.on('data', onData);
  });
}

/** A line typed at the terminal, shown as typed (a user name, a yes/no answer). */
export function promptLine(input: InStream, io: CliIo, question: string): Promise<string> {
  io.stderr.write(question);
  return new Promise((resolve) => {
    let typed = '';
    const onData = (chunk: Buffer | string): void => {
      typed += chunk.toString();
      const end = typed.indexOf('\n');
      if (end < 0) return;
      input.off('data', onData);
      input.off('end', onEnd);
      input.pause();
      resolve(typed.slice(0, end).replace(/\r$/, ''));
    };
    const onEnd = (): void => {
      input.off('data', onData);
      resolve(typed);
    };
    input.on('data', onData);
    input.once('end', onEnd);
    input.resume();
  });
}

/**
 * The terminal to ask a question at: standard input when it is one, else the controlling terminal
 * (standard input may be the pasted report), or null when there is none (a script, CI).
 */
export function openTerminal(io: CliIo): { input: InStream; close(): void } | null {
  if (!io.stderr.isTTY) return null;
  if (io.stdin.isTTY) return { input: io.stdin, close: () => io.stdin.pause() };
  if (io.platform === 'win32') return null;
  try {
    const stream = new ReadStream(openSync('/dev/tty', 'r'));
    return { input: stream, close: () => stream.destroy() };
  } catch {
    return null;
  }
}

export async function confirm(io: CliIo, question: string): Promise<boolean | null> {
  const terminal = openTerminal(io);
  if (terminal === null) return null;
  try {
    const answer = await promptLine(terminal.input, io, question);
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    terminal.close();
  }
}
