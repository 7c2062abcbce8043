global using Reeve.Kernel;
