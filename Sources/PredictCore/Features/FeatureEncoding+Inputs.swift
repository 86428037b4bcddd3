extension FeatureEncoding {
    /// Which of the incident's inputs this encoding uses as values, reads as missing (not given,
    /// or never seen in training), or took from the beat's profile.
    func inputs(of incident: IncidentFeatures) -> InputReport {
        var report = InputReport()
        for input in IncidentInput.allCases {
            switch state(of: input, in: incident) {
            case .used: report.used.append(input)
            case .missing: report.missing.append(input)
            case .unseen: report.unseen.append(input)
            case .filled: report.filled.append(input)
            case .notAnInput: break
            }
        }
        return report
    }

    private enum InputState {
        case used, missing, unseen, filled, notAnInput
    }

    private func state(of input: IncidentInput, in incident: IncidentFeatures) -> InputState {
        switch input {
        case .area: knows(beat: incident.beat) ? .used : .unseen
        case .hour, .dayOfWeek, .month: .used
        case .locationDescription: state(lookUpLocation(incident.locationDescription))
        case .primaryType: usesPrimaryType ? state(lookUpType(incident.primaryType)) : .notAnInput
        case .position: incident.latitude == nil || incident.longitude == nil ? .missing : filled(input, in: incident)
        case .district: incident.district.isEmpty ? .missing : filled(input, in: incident)
        case .communityArea: incident.communityArea > 0 ? filled(input, in: incident) : .missing
        }
    }

    private func state(_ lookup: CategoryLookup) -> InputState {
        switch lookup {
        case .notGiven: .missing
        case .unseen: .unseen
        case .seen: .used
        }
    }

    private func filled(_ input: IncidentInput, in incident: IncidentFeatures) -> InputState {
        incident.filledFromBeat.contains(input) ? .filled : .used
    }
}
