print("backprop-bench")
