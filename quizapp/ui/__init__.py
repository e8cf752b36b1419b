"""The Textual user interface: thin screens over the core, translated when drawn."""
