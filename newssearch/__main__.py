from newssearch.cli import main

main()
