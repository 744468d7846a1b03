export { type Embedder, type EmbedOptions, embedOne } from './embedder.js';
export { type HashingEmbedderOptions, hashingEmbedder, words } from './hashing-embedder.js';
export { type OpenAIEmbedderOptions, openAIEmbedder } from './openai-embedder.js';
