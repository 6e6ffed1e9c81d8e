import ArgumentParser
import PGTriageCore
import PGTriageUI
print("pgtriage")
