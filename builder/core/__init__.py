"""Types and pure logic shared by every stage; no I/O."""
