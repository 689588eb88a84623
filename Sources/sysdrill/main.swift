import BundledContent
print(BundledContent.files.map { "\($0.name) \($0.bytes.count)" })
