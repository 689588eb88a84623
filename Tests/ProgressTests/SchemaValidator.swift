import JSONText

/// A small JSON Schema (draft 2020-12) validator for the keywords docs/export-schema.json
/// uses. A keyword it does not know is reported as an error, so a schema can never pass
/// because part of it was silently skipped.
struct SchemaValidator {
    let root: JSONValue

    static let annotations: Set<String> = ["$schema", "$id", "$defs", "title", "description"]

    /// Every violation as `path: message`; empty when `value` is valid.
    func errors(of value: JSONValue) -> [String] {
        var errors: [String] = []
        check(value, against: root, path: "$", errors: &errors)
        return errors
    }

    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node = root
        for part in reference.dropFirst(2).split(separator: "/") {
            guard let next = node[String(part)] else { return nil }
            node = next
        }
        return node
    }

    private func check(_ value: JSONValue, against schema: JSONValue, path: String, errors: inout [String]) {
        guard let keywords = schema.objectValue else {
            errors.append("\(path): schema is not an object")
            return
        }
        for (keyword, argument) in keywords.entries {
            switch keyword {
            case _ where Self.annotations.contains(keyword):
                continue
            case "$ref":
                guard let reference = argument.stringValue, let target = resolve(reference) else {
                    errors.append("\(path): cannot resolve $ref \(argument.serialized())")
                    continue
                }
                check(value, against: target, path: path, errors: &errors)
            case "type":
                let names = argument.arrayValue?.compactMap(\.stringValue) ?? [argument.stringValue ?? ""]
                if !names.contains(where: { Self.matches(value, type: $0) }) {
                    errors.append("\(path): expected type \(names.joined(separator: "|")), got \(value.typeName)")
                }
            case "const":
                if !Self.equal(value, argument) { errors.append("\(path): expected \(argument.serialized())") }
            case "enum":
                if !(argument.arrayValue ?? []).contains(where: { Self.equal(value, $0) }) {
                    errors.append("\(path): \(value.serialized()) is not one of \(argument.serialized())")
                }
            case "required":
                guard let object = value.objectValue else { continue }
                for name in argument.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
                    errors.append("\(path): missing required key \(name)")
                }
            case "properties":
                guard let object = value.objectValue, let properties = argument.objectValue else { continue }
                for (name, propertySchema) in properties.entries {
                    if let property = object[name] { check(property, against: propertySchema, path: "\(path).\(name)", errors: &errors) }
                }
            case "additionalProperties":
                guard let object = value.objectValue else { continue }
                let allowed = Set(keywords["properties"]?.objectValue?.keys ?? [])
                if argument == .bool(false) {
                    for name in object.keys where !allowed.contains(name) { errors.append("\(path): unexpected key \(name)") }
                } else if argument != .bool(true) {
                    for (name, property) in object.entries where !allowed.contains(name) {
                        check(property, against: argument, path: "\(path).\(name)", errors: &errors)
                    }
                }
            case "items":
                guard let array = value.arrayValue else { continue }
                for (index, element) in array.enumerated() { check(element, against: argument, path: "\(path)[\(index)]", errors: &errors) }
            case "minItems":
                if let array = value.arrayValue, let bound = argument.integerValue, array.count < bound {
                    errors.append("\(path): fewer than \(bound) items")
                }
            case "maxItems":
                if let array = value.arrayValue, let bound = argument.integerValue, array.count > bound {
                    errors.append("\(path): more than \(bound) items")
                }
            case "minLength":
                if let text = value.stringValue, let bound = argument.integerValue, text.unicodeScalars.count < bound {
                    errors.append("\(path): shorter than \(bound)")
                }
            case "minimum":
                if let number = Self.number(value), let bound = argument.doubleValue, number < bound {
                    errors.append("\(path): \(value.serialized()) is below \(argument.serialized())")
                }
            case "maximum":
                if let number = Self.number(value), let bound = argument.doubleValue, number > bound {
                    errors.append("\(path): \(value.serialized()) is above \(argument.serialized())")
                }
            case "pattern":
                guard let text = value.stringValue else { continue }
                guard let pattern = argument.stringValue, let regex = try? Regex(pattern) else {
                    errors.append("\(path): invalid pattern \(argument.serialized())")
                    continue
                }
                if text.firstMatch(of: regex) == nil { errors.append("\(path): \(value.serialized()) does not match \(pattern)") }
            case "oneOf":
                let branches = argument.arrayValue ?? []
                let passing = branches.filter { branch in
                    var branchErrors: [String] = []
                    check(value, against: branch, path: path, errors: &branchErrors)
                    return branchErrors.isEmpty
                }
                if passing.count != 1 { errors.append("\(path): matches \(passing.count) of the oneOf branches, expected exactly 1") }
            default:
                errors.append("\(path): the test validator does not know the keyword \(keyword)")
            }
        }
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): return true
        case ("number", .integer), ("number", .number): return true
        case ("integer", .integer): return true
        case ("integer", .number(let number)): return number == number.rounded()
        default: return false
        }
    }

    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .integer, .number: return value.doubleValue
        default: return nil
        }
    }

    /// JSON equality: 1 and 1.0 are the same number.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = number(a), let y = number(b) { return x == y }
        return a == b
    }
}
