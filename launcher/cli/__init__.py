"""Command modules behind ``seb-launcher``; each exposes ``main(argv) -> int`` (argv[0] is the command word)."""
