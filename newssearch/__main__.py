from newssearch.cli import run

run()
