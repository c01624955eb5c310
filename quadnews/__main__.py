from quadnews.cli import main

main()
