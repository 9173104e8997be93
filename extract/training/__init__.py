"""Training of the Swedish NER model shipped in `samarkiv/extract/model`: annotated sentences kept
as JSONL, the spaCy config, and the build that turns them into the model (`make model`)."""
