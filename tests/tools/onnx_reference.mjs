// Runs an ONNX model with onnxruntime-node on the CPU: the reference our LibTorch
// ports are checked against (tests/core/backbone/tst_samtinyvit.cpp).
//
//   node onnx_reference.mjs NODE_DIR MODEL.onnx INPUT.f32 N,C,H,W OUTPUT.f32
//
// NODE_DIR holds node_modules/onnxruntime-node (installer/fetch-weights.sh puts it in
// ~/.local/share/DefectLens/node). INPUT.f32 is raw little-endian fp32 in NCHW order;
// OUTPUT.f32 receives the model's first output the same way, and its shape is printed.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [nodeDir, modelPath, inputPath, dimsText, outputPath] = process.argv.slice(2);
if (!outputPath) {
  console.error('usage: node onnx_reference.mjs NODE_DIR MODEL.onnx INPUT.f32 N,C,H,W OUTPUT.f32');
  process.exit(2);
}
const require = createRequire(join(nodeDir, 'package.json'));
const ort = require('onnxruntime-node');

const dims = dimsText.split(',').map(Number);
const bytes = readFileSync(inputPath);
const expected = dims.reduce((a, b) => a * b, 1);
if (bytes.length !== expected * 4) {
  console.error(`${inputPath}: ${bytes.length} bytes, expected ${expected * 4} for dims ${dimsText}`);
  process.exit(1);
}
const input = new Float32Array(bytes.buffer, bytes.byteOffset, expected);
const session = await ort.InferenceSession.create(modelPath, {
  executionProviders: ['cpu'],
  intraOpNumThreads: 2,
  interOpNumThreads: 1,
});
const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', input, dims) };
const results = await session.run(feeds);
const output = results[session.outputNames[0]];
writeFileSync(outputPath, Buffer.from(output.data.buffer, output.data.byteOffset, output.data.byteLength));
console.log(output.dims.join(','));
