print("werksessies")
