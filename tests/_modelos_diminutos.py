"""Configuraciones de modelos diminutos para pruebas rápidas (test_lora, test_params)."""


def bert_config(**extra):
    """Un BERT de 2 capas y 32 dimensiones: se construye y entrena en milisegundos."""
    from transformers import BertConfig

    return BertConfig(hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                      intermediate_size=64, vocab_size=100, max_position_embeddings=32, **extra)
