// Synthesis module
