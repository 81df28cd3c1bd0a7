import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Request } from 'express';
import multer from 'multer';
import { AppError } from '../../errors.js';
import { text } from '../../i18n/text.js';

/** Files that a browser or an OS could run or render as a page: refused whatever they claim to be. */
const DANGEROUS_EXTENSIONS = new Set([
  'exe', 'dll', 'com', 'bat', 'cmd', 'msi', 'msp', 'scr', 'pif', 'cpl', 'jar', 'js', 'mjs', 'cjs', 'jse', 'vbs', 'vbe', 'wsf', 'wsh',
  'ps1', 'psm1', 'sh', 'bash', 'zsh', 'csh', 'app', 'apk', 'dmg', 'pkg', 'deb', 'rpm', 'run', 'elf', 'so', 'dylib', 'hta',
  'html', 'htm', 'xhtml', 'shtml', 'xht', 'mht', 'mhtml', 'svg', 'svgz', 'xsl', 'xslt', 'php', 'phtml', 'asp', 'aspx', 'jsp', 'cgi', 'pl',
  'py', 'rb', 'lnk', 'reg', 'inf', 'scf', 'url', 'desktop', 'swf',
]);
const DANGEROUS_TYPES = [
  /^text\/html/, /^application\/xhtml/, /^image\/svg/, /javascript/, /ecmascript/, /^application\/x-msdownload/, /^application\/x-msdos-program/,
  /^application\/x-executable/, /^application\/x-sh/, /^application\/x-bat/, /^application\/vnd\.microsoft\.portable-executable/,
  /^application\/java-archive/, /^application\/x-httpd-php/, /^application\/hta/, /^application\/x-shockwave-flash/,
];
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;

export class UnsupportedFileError extends AppError {
  constructor() {
    super(415, 'unsupported_media_type', text('error.file_type'));
  }
}

/** The original name, kept only as metadata: no directories, no control characters, at most 255 characters. */
export function safeFileName(original: string): string {
  const base = original.replace(/\\/g, '/').split('/').pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_').replace(/^\.+/, '').trim();
  return (clean || 'file').slice(-255);
}

export function isDangerous(fileName: string, mimeType: string): boolean {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  return DANGEROUS_EXTENSIONS.has(ext) || DANGEROUS_TYPES.some((re) => re.test(mimeType.toLowerCase()));
}

/** The `attachments.mime_type` column's length: a longer claimed type is no type at all. */
const MIME_MAX = 127;

/** What the download announces: the sender's type if it is a plain, harmless one that fits, else a neutral byte stream. */
export function storedMimeType(claimed: string): string {
  const t = claimed.toLowerCase().split(';')[0].trim();
  return t.length <= MIME_MAX && MIME.test(t) ? t : 'application/octet-stream';
}

/** Multer writing to uploadsDir under a random name: nothing the user sent becomes part of a path. */
export function uploader(uploadsDir: string, maxBytes: number) {
  fs.mkdirSync(uploadsDir, { recursive: true });
  return multer({
    storage: multer.diskStorage({
      destination: uploadsDir,
      filename: (_req, _file, cb) => cb(null, crypto.randomBytes(24).toString('hex')),
    }),
    // Browsers send file names as raw UTF-8 (Договор.pdf), not latin1.
    defParamCharset: 'utf8',
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 4096 },
    fileFilter: (_req: Request, file, cb) => {
      if (isDangerous(safeFileName(file.originalname), file.mimetype)) cb(new UnsupportedFileError());
      else cb(null, true);
    },
  }).single('file');
}

export function storagePath(uploadsDir: string, storageKey: string): string {
  if (!/^[a-f0-9]{48}$/.test(storageKey)) throw new Error('bad storage key');
  return path.join(uploadsDir, storageKey);
}
