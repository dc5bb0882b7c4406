/** DownloadDBLogFilePortion's paging over a log file, as the AWS CLI drives it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logPortion } from '../../src/api/log-portion.js';

const file = Buffer.from(Array.from({ length: 25 }, (_, i) => `line ${i + 1}`).join('\n') + '\n');
const read = async (start: number, end: number) => file.subarray(start, end);

test('from marker 0, page by page: every line once, in order, then nothing pending', async () => {
  const seen: string[] = [];
  let marker = '0';
  let pages = 0;
  for (;;) {
    const portion = await logPortion(read, file.length, marker, 10);
    seen.push(...portion.data.split('\n').filter(Boolean));
    marker = portion.marker;
    pages += 1;
    if (!portion.additionalDataPending) break;
  }
  assert.equal(pages, 3);
  assert.deepEqual(seen, Array.from({ length: 25 }, (_, i) => `line ${i + 1}`));
  assert.equal(marker, String(file.length));
});

test('without a marker: the most recent lines', async () => {
  const last3 = await logPortion(read, file.length, undefined, 3);
  assert.equal(last3.data, 'line 23\nline 24\nline 25\n');
  assert.equal(last3.additionalDataPending, false);
  assert.equal((await logPortion(read, file.length, undefined, undefined)).data, file.toString());
});

test('a last line without its newline is returned at the end of the file; a bad marker is refused', async () => {
  const partial = Buffer.from('a\nb');
  assert.equal((await logPortion(async (s, e) => partial.subarray(s, e), 3, '0', 10)).data, 'a\nb');
  await assert.rejects(logPortion(read, file.length, 'x:1', 10), /The marker x:1 is not valid\./);
  assert.equal((await logPortion(read, file.length, String(file.length + 100), 10)).data, '', 'past the end: nothing');
});
