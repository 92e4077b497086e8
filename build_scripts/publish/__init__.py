"""Publishing: plans folder → pages with their downloads (PDF, ODT), cached by hash; dates from git;
writing real Markdown files; swapping a finished build in atomically."""
