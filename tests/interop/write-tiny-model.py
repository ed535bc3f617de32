"""Writes a tiny random-weight llama model as GGUF, for llama.cpp's server in the interop suite.

Two layers, 64 dimensions, a SentencePiece-style vocabulary of a few hundred pieces with byte
fallback (every byte has a token, so any text tokenizes), BOS/EOS and a chat template. Its replies
are nonsense, but its tokenizer, end of sequence, stop sequences and context window are real.
Seeded, so the same file comes out on every run. Usage: python write-tiny-model.py OUT.gguf [--endless]
(--endless: EOS is never sampled, so every reply runs to its max tokens or the window, for tests
that stop a reply or kill the server mid-reply.)

Random weights alone would mostly sample byte tokens, which llama.cpp holds back while they form
no valid UTF-8: a reply would then stream nothing for thousands of tokens. So the first hidden
dimension is made constant (every embedding has 1.0 there, far above the other weights) and the
output rows of control and non-ASCII bytes weigh it at -10: those tokens are never sampled, while
word pieces and printable bytes stay equally likely, and EOS a little more.
"""
import sys

import gguf
import numpy as np

EMBED, LAYERS, HEADS, FEED_FORWARD, CONTEXT = 64, 2, 4, 128, 4096
WORDS = """the a an and or to of in on for with you your i me my we it is are was be this that what how
why who hello hi yes no please thanks tell more about say story name secret prompt assistant user
one two three four five time day good new help here there now then will can do not have has""".split()


def vocabulary():
    tokens, scores, types = ["<unk>", "<s>", "</s>"], [0.0, 0.0, 0.0], [2, 3, 3]
    for byte in range(256):
        tokens.append(f"<0x{byte:02X}>")
        scores.append(0.0)
        types.append(6)  # byte fallback
    pieces = [f"\u2581{w}" for w in WORDS] + list("abcdefghijklmnopqrstuvwxyz.,!?") + ["\u2581"]
    for i, piece in enumerate(pieces):
        tokens.append(piece)
        scores.append(-float(i))
        types.append(1)
    return tokens, scores, types


def unlikely(token):
    """<unk>, <s>, and byte tokens outside printable ASCII."""
    if token in ("<unk>", "<s>"):
        return True
    if token.startswith("<0x") and token.endswith(">"):
        byte = int(token[3:-1], 16)
        return byte < 0x20 or byte > 0x7E
    return False


def main(path, endless):
    rng = np.random.default_rng(7)
    tokens, scores, types = vocabulary()
    weights = lambda *shape: (rng.standard_normal(shape) * 0.02).astype(np.float32)
    writer = gguf.GGUFWriter(path, "llama")
    writer.add_name("gptlab-interop-tiny")
    writer.add_context_length(CONTEXT)
    writer.add_embedding_length(EMBED)
    writer.add_block_count(LAYERS)
    writer.add_feed_forward_length(FEED_FORWARD)
    writer.add_head_count(HEADS)
    writer.add_head_count_kv(HEADS)
    writer.add_rope_dimension_count(EMBED // HEADS)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_scores(scores)
    writer.add_token_types(types)
    writer.add_unk_token_id(0)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_add_bos_token(True)
    writer.add_add_eos_token(False)
    writer.add_chat_template(
        "{% for message in messages %}<|{{ message['role'] }}|>\n{{ message['content'] }}</s>\n{% endfor %}"
        "{% if add_generation_prompt %}<|assistant|>\n{% endif %}"
    )
    vocab = len(tokens)
    embeddings = weights(vocab, EMBED)
    embeddings[:, 0] = 1.0
    output = weights(vocab, EMBED)
    output[:, 0] = [-10.0 if unlikely(token) else 0.0 for token in tokens]
    # EOS a little above the rest (logit about +0.25, inside the top 40 the sampler keeps now and then).
    output[2, 0] = -10.0 if endless else 0.03
    writer.add_tensor("token_embd.weight", embeddings)
    for layer in range(LAYERS):
        block = f"blk.{layer}"
        writer.add_tensor(f"{block}.attn_norm.weight", np.ones(EMBED, dtype=np.float32))
        for name in ("attn_q", "attn_k", "attn_v", "attn_output"):
            writer.add_tensor(f"{block}.{name}.weight", weights(EMBED, EMBED))
        writer.add_tensor(f"{block}.ffn_norm.weight", np.ones(EMBED, dtype=np.float32))
        writer.add_tensor(f"{block}.ffn_gate.weight", weights(FEED_FORWARD, EMBED))
        writer.add_tensor(f"{block}.ffn_up.weight", weights(FEED_FORWARD, EMBED))
        writer.add_tensor(f"{block}.ffn_down.weight", weights(EMBED, FEED_FORWARD))
    writer.add_tensor("output_norm.weight", np.ones(EMBED, dtype=np.float32))
    writer.add_tensor("output.weight", output)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


if __name__ == "__main__":
    main(sys.argv[1], "--endless" in sys.argv[2:])
